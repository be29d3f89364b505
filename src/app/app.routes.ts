import { Routes } from '@angular/router';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./start/start-page').then((m) => m.StartPage),
    title: 'Pentaview — Level Drivers',
  },
  { path: '**', redirectTo: '' },
];
