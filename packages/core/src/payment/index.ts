export { PAYMENT_PHASES, TERMINAL_PAYMENT_PHASES, isTerminalPhase, type PaymentPhase, type TerminalPaymentPhase } from './phases';
export { PAYMENT_TRANSITIONS, canTransition } from './transitions';
export type { PaymentEvent, PaymentEventType } from './events';
export { createPaymentSnapshot, type PaymentSnapshot, type ServerStep, type ServerStepStatus } from './snapshot';
export { paymentReducer, canRequest, isIncompletePayment } from './reducer';
export { applyPaymentEvent, type InvariantOptions } from './apply';
export { validatePaymentData, PI_AMOUNT_DECIMALS, MAX_PI_AMOUNT } from './validate';
export { PaymentMachine, type PaymentHandle, type PaymentHandleEvents, type PaymentMachineOptions } from './machine';
