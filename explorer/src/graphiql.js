// GraphiQL for /graphql, bundled from npm like the explorer: nothing is loaded from a CDN, so it works offline
// and under the app's Content-Security-Policy (scripts and styles from this server only).
import "graphiql/graphiql.css";
import "./graphiql-page.css";
import { GraphiQL } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";

const DEFAULT_QUERY = `# cograph's GraphQL API. Mutations need the header {"Authorization": "Bearer <token>"} below.
{
  projects(first: 5) {
    totalCount
    nodes { identifier title status countries { country { iso2 name } } }
  }
}
`;

/** POST each request to this server's /graphql with the headers typed into GraphiQL's header editor. */
async function fetcher(params, options = {}) {
  const response = await fetch("graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...(options.headers || {}) },
    body: JSON.stringify(params),
    credentials: "same-origin",
  });
  return response.json();
}

createRoot(document.getElementById("graphiql")).render(
  createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, isHeadersEditorEnabled: true }),
);
