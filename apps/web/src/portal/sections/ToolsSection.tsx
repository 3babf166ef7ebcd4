import { Col, Row } from 'antd';
import { DayLookup } from '../../features/calendar/DayLookup';
import { DeadlineCalculator } from '../../features/calendar/DeadlineCalculator';
import { SectionTitle } from './SectionTitle';

export function ToolsSection() {
  return (
    <>
      <SectionTitle title="办事工具" subTitle="按法定工作日推算办理期限，查询节假日与调休安排" />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <DeadlineCalculator />
        </Col>
        <Col xs={24} md={12}>
          <DayLookup />
        </Col>
      </Row>
    </>
  );
}
