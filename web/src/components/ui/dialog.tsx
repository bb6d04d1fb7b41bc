import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import './dialog.css';

export interface ModalDialogProps {
  title: string;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  children: ReactNode | ((close: () => void) => ReactNode);
  role?: 'dialog' | 'alertdialog';
  size?: 'small' | 'large';
  isDismissable?: boolean;
}

/**
 * A modal dialog (react-aria: focus is trapped and restored, Escape closes, the rest of the
 * page is hidden from assistive technology while it is open).
 */
export function ModalDialog({ title, isOpen, onOpenChange, children, role = 'dialog', size = 'small', isDismissable = true }: ModalDialogProps) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={isDismissable}>
      <Modal className={`modal modal--${size}`}>
        <AriaDialog role={role} className="dialog">
          {({ close }) => (
            <>
              <Heading slot="title" level={2} className="dialog__title">
                {title}
              </Heading>
              {typeof children === 'function' ? children(close) : children}
            </>
          )}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}
