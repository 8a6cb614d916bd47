import { FormStatus } from './form-status.tsx';

/** The live region for a form's problem that belongs to no field (useContractForm's `formMessage`). */
export function FormProblem({ text }: { text: string | undefined }) {
  return <FormStatus message={text ? { tone: 'danger', text } : null} />;
}
