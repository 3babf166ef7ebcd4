// Placeholder: written by the web engineers of issue 5.
export default function AwardsPage() {
  return <div>获奖专利名单</div>;
}
