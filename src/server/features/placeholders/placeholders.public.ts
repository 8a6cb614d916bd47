/** What other features may use of placeholders: an account taking a person row's place (guests' claims). */
export { mergePlaceholder } from './placeholder-merge.ts';
