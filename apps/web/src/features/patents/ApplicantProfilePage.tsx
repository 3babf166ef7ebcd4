// Placeholder: written by the web engineers of issue 5.
export default function ApplicantProfilePage() {
  return <div>申请人画像</div>;
}
