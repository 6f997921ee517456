// Schemas, literal unions and pure rules of the sponsorship module, shared by server and web.
export {};
