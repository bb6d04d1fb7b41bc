import { PageHeading } from '../../../lib/page';
import { Message } from '../../../components/ui/message';

/** One clear message, and nothing to press, where a role lacks the right to a page. */
export function NoAccess({ title, message }: { title: string; message: string }) {
  return (
    <div className="page">
      <PageHeading title={title}>{title}</PageHeading>
      <Message tone="info" live={false}>
        {message}
      </Message>
    </div>
  );
}
