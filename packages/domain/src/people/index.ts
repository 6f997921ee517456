// Schemas, literal unions and pure rules of the people module, shared by server and web.
export {};
