// Schemas, literal unions and pure rules of the cases module, shared by server and web.
export {};
