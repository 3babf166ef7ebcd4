// Placeholder: written by the web engineers of issue 5.
export default function PatentSearchPage() {
  return <div>专利检索</div>;
}
