/**
 * The one place that touches `acquireVsCodeApi()`: a typed connection to the host.
 * Components send typed messages through it and persist only UI state (never data).
 */
import { keepFieldKeysInFields } from './fieldKeys';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface HostConnection<In, Out, State> {
  post(message: Out): void;
  onMessage(handler: (message: In) => void): void;
  getState(): Partial<State>;
  setState(state: State): void;
}

/**
 * The real host, or a fake one a test injects as `window.__loupeTestHost`. Every page connects
 * here once, so this is also where its fields keep their own keys from the workbench.
 */
export function connectToHost<In, Out, State>(): HostConnection<In, Out, State> {
  keepFieldKeysInFields();
  const injected = (globalThis as { __loupeTestHost?: VsCodeApi }).__loupeTestHost;
  const api = injected ?? acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) => window.addEventListener('message', (event: MessageEvent<In>) => handler(event.data)),
    getState: () => (api.getState() ?? {}) as Partial<State>,
    setState: (state) => api.setState(state),
  };
}
