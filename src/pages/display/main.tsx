document.getElementById('app')!.textContent = 'display';
