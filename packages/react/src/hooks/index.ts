export { usePiClient } from './use-pi-client';
export { usePiStore } from './use-pi-store';
export { usePiAuth, type UsePiAuthResult } from './use-pi-auth';
export { usePayment, type UsePaymentResult } from './use-payment';
export { usePiSdk, type PiSdkStatus, type UsePiSdkResult } from './use-pi-sdk';
export { useNativeFeatures, type UseNativeFeaturesResult } from './use-native-features';
export { useShareDialog, type UseShareDialogResult } from './use-share-dialog';
export { useAd, type UseAdResult } from './use-ad';
