// Hand-made stand-in for the generated types.ts of fixtures/valid/multi-config (names from typeNamesOf).
export interface Configuration {
  connectionString: string;
}
export interface PostgresConfiguration {
  host: string;
  port: number;
  database: string;
  username: string;
  password: string;
  ssl: boolean;
}
export interface PostgresConfigurationGiven {
  host: string;
  port?: number;
  database: string;
  username: string;
  password: string;
  ssl?: boolean;
}
export interface MongodbConfiguration {
  uri: string;
  database: string;
}
export interface QueryInput {
  sql: string;
  params?: (string | number | boolean | null)[];
  timeoutMs: number;
}
export interface QueryInputGiven {
  sql: string;
  params?: (string | number | boolean | null)[];
  timeoutMs?: number;
}
export interface QueryOutput {
  rows: { [key: string]: unknown }[];
  rowCount: number;
}
export interface ListTablesInput {
  schema?: string;
}
export interface ListTablesOutput {
  tables: string[];
}
