// Prints every GraphQL document the explorer sends, as JSON {name: text}, for the schema contract test.
import * as queries from "./src/queries.js";

const documents = Object.fromEntries(Object.entries(queries).filter(([, value]) => typeof value === "string"));
process.stdout.write(JSON.stringify(documents));
