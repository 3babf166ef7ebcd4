import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** Page title bar + content, in the spirit of Ant Design Pro's PageContainer. */
export function PageContainer({
  title,
  subTitle,
  extra,
  children,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="zc-page">
      <div className="zc-page-header">
        <div className="zc-page-heading">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
        </div>
        {extra ? <div className="zc-page-extra">{extra}</div> : null}
      </div>
      <div className="zc-page-body">{children}</div>
    </div>
  );
}
