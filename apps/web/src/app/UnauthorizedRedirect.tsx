import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { setUnauthorizedHandler } from '../api/client.ts';

/** A 401 from any API call means the session is gone: back to the matching login page. */
export function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler((path) => {
      const { pathname, search } = window.location;
      if (path.startsWith('/admin/')) {
        queryClient.removeQueries({ queryKey: ['admin'] });
        if (pathname !== '/admin/login') void navigate('/admin/login', { replace: true });
        return;
      }
      queryClient.removeQueries({ queryKey: ['me'] });
      if (pathname !== '/login') {
        void navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
      }
    });
    return () => setUnauthorizedHandler(() => {});
  }, [navigate, queryClient]);
  return null;
}
