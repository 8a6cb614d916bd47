/** What other features may use of date polls: the limits on guests who leave an e-mail address. */
export {
  type GuestAnswerOrigin,
  guestAnswerOrigin,
  takeGuestAnswerAllowance,
} from './guest-answer-limits.ts';
