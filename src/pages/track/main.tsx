document.getElementById('app')!.textContent = 'track';
