// Schemas, literal unions and pure rules of the activities module, shared by server and web.
export {};
