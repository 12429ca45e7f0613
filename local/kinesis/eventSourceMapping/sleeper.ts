/** A timer that stop() (always) and drain() (for idle polls) can cut short. */
export class Sleeper {
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private wakeOnDrain = false;

  sleep(ms: number, wakeOnDrain: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.wakeOnDrain = wakeOnDrain;
      this.wake = resolve;
      this.timer = setTimeout(() => this.interrupt(), ms);
    });
  }

  interrupt(onlyIfIdle = false): void {
    if (onlyIfIdle && !this.wakeOnDrain) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
