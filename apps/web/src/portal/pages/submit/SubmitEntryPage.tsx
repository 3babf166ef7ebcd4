/**
 * 投诉举报 entry page: which of the three kinds to choose, in plain words, and where copyright matters go.
 */
import { Alert, Button, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { SUBMISSION_KIND_LIST } from '@zhichan/shared';
import { useSite } from '../../../api/site';
import { KIND_INFO, PROGRESS_PATH, copyrightReferral, submitPath } from './intake';
import './submit.css';

export default function SubmitEntryPage() {
  const site = useSite();
  const navigate = useNavigate();
  return (
    <div className="zs-page zs-page-wide">
      <div className="zs-head">
        <Typography.Title level={2} className="zs-title">
          投诉举报与维权援助
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zs-lead">
          涉及专利、商标、地理标志和专利代理、商标代理的问题，可以在这里在线提交，无需登录。提交后凭受理编号和查询码
          <Link to={PROGRESS_PATH}>查询办理进度</Link>。
        </Typography.Paragraph>
      </div>

      <div className="zs-kinds">
        {SUBMISSION_KIND_LIST.map((k) => {
          const info = KIND_INFO[k];
          return (
            <section key={k} className="zs-kind" data-testid={`kind-${k}`}>
              <h2>{info.action.replace(/^我要/, '')}</h2>
              <div className="zs-kind-summary">{info.summary}</div>
              {info.when.map((w) => (
                <p key={w}>{w}</p>
              ))}
              <div className="zs-kind-foot">
                <p className="zs-kind-meta">{info.identity}。</p>
                <p className="zs-kind-meta">{info.next}</p>
              </div>
              <Button type="primary" block onClick={() => navigate(submitPath(k))}>
                {info.action}
              </Button>
            </section>
          );
        })}
      </div>

      <Alert
        type="warning"
        showIcon
        title="著作权（版权）问题不在这里办理"
        description={copyrightReferral(site?.cityName)}
      />
      <Typography.Paragraph type="secondary" className="zs-foot-note">
        同时包含投诉和举报内容的，市场监管部门分别处理（《市场监督管理投诉举报处理暂行办法》第七条）。紧急情况请拨打 12315 或 12345 热线。
      </Typography.Paragraph>
    </div>
  );
}
