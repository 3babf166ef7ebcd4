// Placeholder: written by the web engineers of issue 5.
export default function KpiPage() {
  return <div>高价值发明专利</div>;
}
