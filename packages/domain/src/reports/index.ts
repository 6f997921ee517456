// Schemas, literal unions and pure rules of the reports module, shared by server and web.
export {};
