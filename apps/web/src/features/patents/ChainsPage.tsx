// Placeholder: written by the web engineers of issue 5.
export default function ChainsPage() {
  return <div>产业链配置</div>;
}
