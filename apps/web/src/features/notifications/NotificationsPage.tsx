import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Card, Empty, List, Pagination, Segmented, Space, Spin, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import type { NotificationDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { useUnread } from '../../admin/unread';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtTime } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';

export default function NotificationsPage() {
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const list = usePagedList<NotificationDto>('/api/notifications', { unread: filter === 'unread' ? 'true' : undefined });
  const unread = useUnread();
  const navigate = useNavigate();

  const markRead = async (n: NotificationDto) => {
    try {
      await api.post(`/api/notifications/${n.id}/read`);
      list.setData((d) =>
        d ? { ...d, items: d.items.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)) } : d,
      );
      unread.refresh();
    } catch (e) {
      showError(e);
    }
  };

  const markAll = async () => {
    try {
      await api.post('/api/notifications/read-all');
      showSuccess('已全部标为已读');
      list.reload();
      unread.refresh();
    } catch (e) {
      showError(e);
    }
  };

  const open = (n: NotificationDto) => {
    if (!n.readAt) void markRead(n);
    if (!n.link) return;
    if (/^https?:\/\//.test(n.link)) window.open(n.link, '_blank', 'noopener');
    else navigate(n.link.replace(/^\/admin(?=\/|$)/, '') || '/');
  };

  return (
    <PageContainer
      title="消息通知"
      subTitle="督办、催办、到期提醒等站内消息"
      extra={
        <Space>
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as 'all' | 'unread')}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: `未读${unread.count ? `（${unread.count}）` : ''}` },
            ]}
          />
          <Button icon={<CheckOutlined />} onClick={markAll} disabled={unread.count === 0}>
            全部已读
          </Button>
        </Space>
      }
    >
      <Card size="small">
        <Spin spinning={list.loading}>
          {list.items.length === 0 && !list.loading ? (
            <Empty description={filter === 'unread' ? '没有未读消息' : '暂无消息'} />
          ) : (
            <List<NotificationDto>
              dataSource={list.items}
              data-testid="notification-list"
              renderItem={(n) => (
                <List.Item
                  className={n.readAt ? 'zc-notice-read' : 'zc-notice-unread'}
                  data-unread={n.readAt ? 'false' : 'true'}
                  actions={
                    n.readAt
                      ? [<Typography.Text key="r" type="secondary">已读</Typography.Text>]
                      : [
                          <Button key="r" type="link" size="small" onClick={() => markRead(n)}>
                            标为已读
                          </Button>,
                        ]
                  }
                >
                  <List.Item.Meta
                    avatar={<Badge dot={!n.readAt} offset={[-2, 4]}><BellOutlined className="zc-notice-icon" /></Badge>}
                    title={
                      <a onClick={() => open(n)} style={{ fontWeight: n.readAt ? 400 : 600 }}>
                        {n.title}
                      </a>
                    }
                    description={
                      <>
                        <div className="zc-notice-body">{n.body}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {fmtTime(n.createdAt)}
                        </Typography.Text>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Spin>
        {list.pagination.total > list.pageSize && (
          <div style={{ textAlign: 'right', marginTop: 12 }}>
            <Pagination {...list.pagination} />
          </div>
        )}
      </Card>
    </PageContainer>
  );
}
