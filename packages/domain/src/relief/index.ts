// Schemas, literal unions and pure rules of the relief module, shared by server and web.
export {};
