import type { TApiToken, TCreateApiToken, TLogin, TLoginResult, TMe } from '@greenmes/contracts';
import { api, apiRequest } from '../../../api/client.ts';

export type TCreatedApiToken = TApiToken & { token: string };

export const authApi = {
  login: (body: TLogin) =>
    apiRequest<TLoginResult>('/auth/login', { method: 'POST', body, isAuthAttempt: true }),
  logout: () => apiRequest<unknown>('/auth/logout', { method: 'POST', body: {}, isAuthAttempt: true }),
  me: (signal?: AbortSignal) => api.get<TMe>('/auth/me', undefined, signal),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    apiRequest<unknown>('/auth/password', { method: 'POST', body, isAuthAttempt: true }),
  listTokens: () => api.get<TApiToken[]>('/auth/tokens'),
  createToken: (body: TCreateApiToken) => api.post<TCreatedApiToken>('/auth/tokens', body),
  revokeToken: (id: string) => api.delete(`/auth/tokens/${id}`),
};
