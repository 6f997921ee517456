// Schemas, literal unions and pure rules of the honours module, shared by server and web.
export {};
