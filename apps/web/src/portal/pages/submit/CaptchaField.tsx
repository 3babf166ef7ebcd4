/**
 * The self-hosted image captcha (GET /api/public/captcha → { id, svg }), asked for after repeated submissions from one
 * address. The SVG is shown as an image (never injected into the page) with a 换一张 link.
 */
import { useCallback, useEffect, useState } from 'react';
import { Input, Space, Spin, Typography } from 'antd';
import type { CaptchaDto } from '@zhichan/shared';
import { api } from '../../../api/client';

export function useCaptcha() {
  const [captcha, setCaptcha] = useState<CaptchaDto | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState(false);
  const refresh = useCallback(async () => {
    setLoading(true);
    setError(false);
    try {
      setCaptcha(await api.get<CaptchaDto>('/api/public/captcha'));
    } catch {
      setError(true);
    } finally {
      setLoading(false);
    }
  }, []);
  return { captcha, loading, error, refresh };
}

export function CaptchaInput({
  value,
  onChange,
  captcha,
  loading,
  error,
  onRefresh,
  id,
}: {
  value?: string;
  onChange?: (v: string) => void;
  captcha: CaptchaDto | null;
  loading: boolean;
  error: boolean;
  onRefresh: () => void;
  id?: string;
}) {
  // An image for the captcha's expiry: ask for a new one when it has run out.
  useEffect(() => {
    if (!captcha) return;
    const ms = new Date(captcha.expiresAt).getTime() - Date.now();
    if (!(ms > 0)) return;
    const t = setTimeout(onRefresh, Math.min(ms, 2 ** 31 - 1));
    return () => clearTimeout(t);
  }, [captcha, onRefresh]);

  return (
    <Space wrap align="center" className="zs-captcha" data-testid="captcha">
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        maxLength={16}
        placeholder="图中字符"
        autoComplete="off"
        style={{ width: 140 }}
      />
      <span className="zs-captcha-img">
        {loading && <Spin size="small" />}
        {!loading && captcha && (
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}`}
            alt="验证码图片"
            height={40}
            onClick={onRefresh}
          />
        )}
        {!loading && error && <Typography.Text type="danger">验证码加载失败</Typography.Text>}
      </span>
      <Typography.Link
        onClick={(e) => {
          e.preventDefault();
          onRefresh();
        }}
      >
        看不清，换一张
      </Typography.Link>
    </Space>
  );
}
