import { ChangeDetectionStrategy, Component } from '@angular/core';
import { IsActiveMatchOptions, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatIconModule } from '@angular/material/icon';

interface NavLink {
  readonly path: string;
  readonly label: string;
  readonly icon: string;
  readonly exact: boolean;
}

/** The shell: a compact top bar with the product name and the navigation, then the page. */
@Component({
  selector: 'pv-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatIconModule],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly title = 'Pentaview — Level Drivers';
  protected readonly links: readonly NavLink[] = [
    { path: '/', label: 'Dashboard', icon: 'monitoring', exact: true },
    { path: '/settings', label: 'Settings', icon: 'tune', exact: false },
    { path: '/analytics', label: 'Analytics', icon: 'insights', exact: false },
    { path: '/diagnostics', label: 'Diagnostics', icon: 'memory', exact: false },
  ];
  /** Query parameters (the dashboard's `?fixture=`) do not change which tab is active. */
  protected readonly exactPath: IsActiveMatchOptions = {
    paths: 'exact',
    queryParams: 'ignored',
    matrixParams: 'ignored',
    fragment: 'ignored',
  };
  protected readonly prefixPath: IsActiveMatchOptions = { ...this.exactPath, paths: 'subset' };
}
