// The peer of bench/api.py: @neo4j/graphql 7 on Apollo Server, over the same Neo4j and graph as cograph.
// Type definitions: typedefs.graphql, generated from cograph's ontology by bench/peer_typedefs.py.
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, PORT (the HTTP port to listen on).
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    console.error(`bench/peer: set ${name} (bench/api.py passes it from cograph's settings).`);
    process.exit(2);
  }
  return value;
};

const typeDefs = readFileSync(new URL("./typedefs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(env("NEO4J_URI"), neo4j.auth.basic(env("NEO4J_USER", "neo4j"), env("NEO4J_PASSWORD")));
const database = env("NEO4J_DATABASE", "neo4j");
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema, introspection: true });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(env("PORT")) },
  context: async () => ({ sessionConfig: { database } }),
});
console.log(`bench/peer: @neo4j/graphql on ${url}`);

const stop = async () => {
  await server.stop();
  await driver.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
