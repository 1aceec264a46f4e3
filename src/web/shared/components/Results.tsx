import { Alert, Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isMissingApi } from '../api.js';

export function Forbidden({ home = '/' }: { home?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle')}
      data-testid="forbidden"
      extra={
        <Link to={home}>
          <Button type="primary">{t('forbidden.home')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound({ home = '/' }: { home?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.subtitle')}
      data-testid="not-found"
      extra={
        <Link to={home}>
          <Button type="primary">{t('notFound.home')}</Button>
        </Link>
      }
    />
  );
}

export function PageSpin() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin />
    </div>
  );
}

/**
 * Loading, error and empty states of a query in one place. A missing API (404 NOT_FOUND while another
 * module is not deployed yet) shows a clear "not available" empty state instead of an error.
 */
export function QueryState({
  isLoading,
  error,
  isEmpty,
  onRetry,
  emptyText,
  children,
}: {
  isLoading: boolean;
  error: unknown;
  isEmpty?: boolean;
  onRetry?: () => void;
  emptyText?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (isLoading) return <PageSpin />;
  if (error) {
    if (isMissingApi(error))
      return <Empty data-testid="not-available" description={t('states.notAvailable')} />;
    return (
      <Alert
        type="error"
        showIcon
        data-testid="load-error"
        title={t('states.error')}
        description={error instanceof Error ? error.message : String(error)}
        action={onRetry ? <Button onClick={onRetry}>{t('actions.retry')}</Button> : undefined}
      />
    );
  }
  if (isEmpty) return <Empty data-testid="empty" description={emptyText ?? t('states.empty')} />;
  return <>{children}</>;
}
