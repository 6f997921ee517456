// Schemas, literal unions and pure rules of the cadres module, shared by server and web.
export {};
