import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';

describe('App', () => {
  it('shows the product title and the navigation in the top bar', async () => {
    TestBed.configureTestingModule({ imports: [App], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const root: HTMLElement = fixture.nativeElement;
    expect(root.querySelector('[data-testid="app-title"]')?.textContent?.trim()).toBe(
      'Pentaview — Level Drivers',
    );
    const links = [...root.querySelectorAll<HTMLAnchorElement>('[data-testid="app-nav"] a')];
    expect(links.map((a) => [...a.childNodes].map((n) => n.textContent?.trim()).join(' '))).toEqual(
      ['monitoring Dashboard', 'tune Settings', 'insights Analytics', 'memory Diagnostics'],
    );
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/',
      '/settings',
      '/analytics',
      '/diagnostics',
    ]);
  });
});
