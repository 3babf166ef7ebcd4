// Placeholder: filled in by the enforcement work (issue 4).
export default function Page() {
  return <div className="zp-container">建设中</div>;
}
