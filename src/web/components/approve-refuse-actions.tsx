import { Button } from './button.tsx';

interface ApproveRefuseActionsProps {
  approveLabel: string;
  refuseLabel: string;
  onApprove: () => void;
  onRefuse: () => void;
  isApproving: boolean;
  isRefusing: boolean;
}

/** The pair of buttons beside a pending request. */
export function ApproveRefuseActions(props: ApproveRefuseActionsProps) {
  return (
    <>
      <Button size="sm" isPending={props.isApproving} onClick={props.onApprove}>
        {props.approveLabel}
      </Button>
      <Button size="sm" variant="danger" isPending={props.isRefusing} onClick={props.onRefuse}>
        {props.refuseLabel}
      </Button>
    </>
  );
}
