/**
 * 纠纷处理 entry page: the two routes for a patent dispute (行政裁决请求 and 调解申请) in plain words, who may use each and what
 * happens next, with links to 我的裁决与调解, 行政裁决公开 and 送达公告.
 */
import { Alert, Button, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useSite } from '../../../api/site';
import './disputes.css';

export default function DisputesEntryPage() {
  const navigate = useNavigate();
  const site = useSite();
  const bureau = site?.bureauName ?? '本局';
  return (
    <div className="zd-page zd-page-wide">
      <div className="zd-head">
        <Typography.Title level={2} className="zd-title">
          专利纠纷处理
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zd-lead">
          专利权人或者利害关系人认为专利权受到侵犯的，可以请求{bureau}处理（行政裁决），也可以申请调解。两种方式都需要登录后在线提交，提交后可在“
          <Link to="/disputes/mine">我的裁决与调解</Link>”查看办理进度。
        </Typography.Paragraph>
      </div>

      <div className="zd-cards">
        <section className="zd-card" data-testid="entry-adjudication">
          <h2>行政裁决请求</h2>
          <div className="zd-card-summary">专利侵权纠纷，请求行政机关认定是否侵权、责令停止侵权</div>
          <ul>
            <li>
              可以请求的人：专利权人或者利害关系人（独占实施许可合同的被许可人、专利权的合法继承人等），依据《中华人民共和国专利法》第六十五条。
            </li>
            <li>需要写明被请求人、涉案专利、请求事项和具体的事实与理由，并提交证据；实用新型和外观设计专利请同时提交专利权评价报告。</li>
            <li>收到请求后五个工作日内审查，符合条件的予以立案并通知您，不符合条件的书面告知不予受理的理由。</li>
            <li>
              被请求人下落不明或者无法送达的，可以在本网站“<Link to="/service-announcements">送达公告</Link>”栏目公告送达，自公告之日起经过三十日视为送达。
            </li>
            <li>不收取费用。认定侵权的，责令立即停止侵权行为；当事人不服的，可以自收到裁决书之日起十五日内向人民法院起诉。</li>
          </ul>
          <div className="zd-card-foot">
            已就该纠纷向人民法院起诉的，不能再请求行政裁决。关于赔偿数额，可以请求在裁决过程中进行调解。
          </div>
          <Button type="primary" block onClick={() => navigate('/disputes/adjudication')} data-testid="go-adjudication">
            提出行政裁决请求
          </Button>
        </section>

        <section className="zd-card" data-testid="entry-mediation">
          <h2>调解申请</h2>
          <div className="zd-card-summary">专利、商标等知识产权纠纷，由调解员居中调解、协商解决</div>
          <ul>
            <li>适用于侵权赔偿、权属、发明人资格、职务发明奖励报酬、许可合同等纠纷。</li>
            <li>调解不收取费用，遵循自愿原则：一方明确拒绝调解的，不进行调解（《中华人民共和国人民调解法》第十七条）。</li>
            <li>由知识产权纠纷人民调解员专家库中的调解员主持；调解员与当事人有利害关系的应当回避。</li>
            <li>达成调解协议的，双方可以自协议生效之日起三十日内共同向人民法院申请司法确认，确认有效后可以申请强制执行。</li>
          </ul>
          <div className="zd-card-foot">仅确认专利权、商标权等权利归属的调解协议，人民法院不予司法确认，但可以按协议自行履行。</div>
          <Button type="primary" block onClick={() => navigate('/disputes/mediation')} data-testid="go-mediation">
            申请调解
          </Button>
        </section>
      </div>

      <div className="zd-links">
        <Link to="/disputes/mine" className="zd-link">
          <strong>我的裁决与调解</strong>
          <span>查看本人提交的裁决请求和调解申请的办理进度</span>
        </Link>
        <Link to="/adjudication-decisions" className="zd-link">
          <strong>行政裁决公开</strong>
          <span>已作出的专利侵权纠纷行政裁决书</span>
        </Link>
        <Link to="/service-announcements" className="zd-link">
          <strong>送达公告</strong>
          <span>无法直接送达的文书在此公告送达</span>
        </Link>
      </div>

      <Alert
        type="info"
        showIcon
        title="商标侵权、假冒专利等违法行为"
        description={
          <>
            如需举报商标侵权、假冒专利等违法行为，或就消费纠纷投诉，请使用“<Link to="/submit">投诉举报</Link>”。
          </>
        }
      />
    </div>
  );
}
