import { Typography } from 'antd';

export function SectionTitle({ title, subTitle }: { title: string; subTitle?: string }) {
  return (
    <div className="zp-section-title">
      <Typography.Title level={3}>{title}</Typography.Title>
      {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
    </div>
  );
}
