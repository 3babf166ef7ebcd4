// Placeholder: written by the web engineers of issue 5.
export default function ReportsPage() {
  return <div>季度分析报告</div>;
}
