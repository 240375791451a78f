import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function NotFound() {
  return (
    <EmptyState
      icon={SearchX}
      title="Not found"
      description="It does not exist, was deleted, or belongs to another tenant."
      className="py-16"
      action={
        <Button asChild variant="outline" size="sm">
          <Link href="/fleet">Back to the fleet</Link>
        </Button>
      }
    />
  );
}
