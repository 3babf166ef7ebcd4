// Placeholder: written by the web engineers of issue 5.
export default function ImportPage() {
  return <div>数据导入</div>;
}
