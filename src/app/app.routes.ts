import { Routes } from '@angular/router';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () =>
      import('./dashboard/dashboard-page/dashboard-page').then((m) => m.DashboardPage),
    title: 'Pentaview — Dashboard',
  },
  {
    path: 'diagnostics',
    loadComponent: () => import('./start/start-page').then((m) => m.StartPage),
    title: 'Pentaview — Diagnostics',
  },
  {
    path: 'analytics',
    loadComponent: () => import('./analytics/analytics-page').then((m) => m.AnalyticsPage),
    title: 'Pentaview — Analytics',
  },
  {
    path: 'settings',
    loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage),
    title: 'Pentaview — Settings',
  },
  { path: '**', redirectTo: '' },
];
