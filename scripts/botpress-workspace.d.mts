export declare const BOTPRESS_FIXTURES: string;
/** Links node_modules into `workspace` as a pnpm install of a Botpress checkout would (see botpress-workspace.mjs). */
export declare function linkBotpressWorkspace(workspace: string): void;
