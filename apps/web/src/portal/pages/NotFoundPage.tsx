import { Link } from 'react-router-dom';

export default function NotFoundPage() {
  return (
    <div className="zp-page">
      <div className="zp-empty-page">
        <h1>页面不存在</h1>
        <p>您访问的页面不存在或已被移除。</p>
        <Link to="/" className="zp-btn zp-btn-primary">
          返回首页
        </Link>
      </div>
    </div>
  );
}
