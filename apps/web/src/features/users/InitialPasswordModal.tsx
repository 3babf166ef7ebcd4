import { Alert, Button, Descriptions, Modal, Typography } from 'antd';

/** Shows a one-time initial password (after 新增用户 or 重置密码), with a copy button. */
export function InitialPasswordModal({
  open,
  title,
  username,
  displayName,
  password,
  onClose,
}: {
  open: boolean;
  title: string;
  username?: string;
  displayName?: string;
  password?: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记录，关闭
        </Button>
      }
    >
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'u', label: '用户名', children: username },
          { key: 'n', label: '姓名', children: displayName },
          {
            key: 'p',
            label: '初始密码',
            children: (
              <Typography.Text
                code
                copyable={{ text: password, tooltips: ['复制', '已复制'] }}
                style={{ fontSize: 16 }}
                data-testid="initial-password"
              >
                {password}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Alert
        style={{ marginTop: 16 }}
        type="warning"
        showIcon
        title="初始密码仅显示这一次，关闭后无法再次查看"
        description="请通过安全途径告知本人。用户首次登录时须修改初始密码。"
      />
    </Modal>
  );
}
