import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../i18n';
import { describeError, reportError } from './error-reporting';
import './error-boundary.css';

interface Props {
  /** The view inside ("register"), named in the message and in the error log. */
  view: string;
  /** What the analyst calls it ("Register"). */
  label: string;
  children: ReactNode;
}

interface State {
  error: unknown;
  failed: boolean;
  /** Bumped by "Reload view" so the view mounts afresh, its state rebuilt from the database. */
  generation: number;
  copied: 'no' | 'yes' | 'failed';
  componentStack: string;
}

/**
 * Keeps one view's failure inside that view: the rail, the other views and everything saved carry
 * on. The error goes to main's error log; the analyst gets a sentence, the message, and two ways on.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, failed: false, generation: 0, copied: 'no', componentStack: '' };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, failed: true, copied: 'no' };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const componentStack = info.componentStack ?? '';
    this.setState({ componentStack });
    void reportError(error, this.props.view, 'boundary', componentStack ? `Component stack:${componentStack}` : '');
  }

  private details(): string {
    const { message, stack } = describeError(this.state.error);
    return [
      `View: ${this.props.label}`,
      `Message: ${message}`,
      stack ? `Stack:\n${stack}` : '',
      this.state.componentStack ? `Component stack:${this.state.componentStack}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  }

  private readonly reload = () =>
    this.setState((s) => ({
      error: null,
      failed: false,
      generation: s.generation + 1,
      copied: 'no',
      componentStack: '',
    }));

  private readonly copy = () => {
    const write = navigator.clipboard?.writeText(this.details());
    if (!write) {
      this.setState({ copied: 'failed' });
      return;
    }
    write.then(
      () => this.setState({ copied: 'yes' }),
      () => this.setState({ copied: 'failed' }),
    );
  };

  override render(): ReactNode {
    if (!this.state.failed) return <ViewGeneration key={this.state.generation}>{this.props.children}</ViewGeneration>;
    const { message } = describeError(this.state.error);
    return (
      <section className="view-error" role="alert" aria-labelledby="view-error-title">
        <h2 id="view-error-title">{t('error.title', { view: this.props.label })}</h2>
        <p>{t('error.body')}</p>
        <pre className="view-error-message">{message}</pre>
        <div className="view-error-actions">
          <button type="button" className="primary" onClick={this.reload}>
            {t('error.reload')}
          </button>
          <button type="button" onClick={this.copy}>
            {t('error.copy')}
          </button>
          <span role="status" className="view-error-copied">
            {this.state.copied === 'yes'
              ? t('error.copied')
              : this.state.copied === 'failed'
                ? t('error.copyFailed')
                : ''}
          </span>
        </div>
      </section>
    );
  }
}

function ViewGeneration({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
