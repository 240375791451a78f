import { redirect } from 'next/navigation';

export default function WorkloadsPage() {
  redirect('/workloads/jobs');
}
