// Schemas, literal unions and pure rules of the associations module, shared by server and web.
export {};
