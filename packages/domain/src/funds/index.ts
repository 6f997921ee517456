// Schemas, literal unions and pure rules of the funds module, shared by server and web.
export {};
