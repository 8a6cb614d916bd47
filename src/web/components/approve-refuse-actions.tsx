import { useState } from 'react';
import { Button } from './button.tsx';

/** One of the two answers to a pending request. */
export interface Decision {
  label: string;
  /** Sends the answer (a mutation's `mutateAsync`): its promise settles even once the row is gone. */
  run: () => Promise<unknown>;
  /**
   * Reports the outcome (`report(…)` of lib/action-status.ts): an answered request leaves the
   * list, so a live region of the whole list says what happened.
   */
  outcome: { onSuccess: () => void; onError: (error: unknown) => void };
}

interface ApproveRefuseActionsProps {
  /** Who or what is decided on, read after each label: a list of "Accepter" needs telling apart. */
  subject: string;
  approve: Decision;
  refuse: Decision;
}

/**
 * The pair of buttons beside a pending request (someone asking to join a community or a circle):
 * the one pressed shows its work in progress, and neither answers twice meanwhile.
 */
export function ApproveRefuseActions({ subject, approve, refuse }: ApproveRefuseActionsProps) {
  const [running, setRunning] = useState<'approve' | 'refuse' | null>(null);
  const decide = (which: 'approve' | 'refuse') => {
    if (running) return;
    setRunning(which);
    const decision = which === 'approve' ? approve : refuse;
    decision.run().then(
      () => {
        setRunning(null);
        decision.outcome.onSuccess();
      },
      (error: unknown) => {
        setRunning(null);
        decision.outcome.onError(error);
      },
    );
  };
  return (
    <>
      <Button size="sm" isPending={running === 'approve'} onClick={() => decide('approve')}>
        {approve.label}
        <span className="visually-hidden"> {subject}</span>
      </Button>
      <Button size="sm" variant="danger" isPending={running === 'refuse'} onClick={() => decide('refuse')}>
        {refuse.label}
        <span className="visually-hidden"> {subject}</span>
      </Button>
    </>
  );
}
