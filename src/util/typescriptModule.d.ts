// TypeScript's own CommonJS file inside @ts-morph/common, typed by the namespace that package exports
declare module "@ts-morph/common/dist/typescript.js" {
  import { ts } from "@ts-morph/common";
  export = ts;
}
